{#- The type's own DROP … CASCADE may have taken it: always IF EXISTS. -#}
DROP TYPE IF EXISTS {{ name }};

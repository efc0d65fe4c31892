DROP TABLE {{ name }};

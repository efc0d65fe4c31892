ALTER TYPE {{ name }} RENAME VALUE {{ from }} TO {{ to }};

ALTER TABLE {{ relation }} {{ state }} RULE {{ name }};

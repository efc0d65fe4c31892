ALTER TABLE {{ table }} {{ state }} TRIGGER {{ name }};

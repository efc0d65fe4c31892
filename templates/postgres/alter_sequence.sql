ALTER SEQUENCE {{ name }} {{ options }};

ALTER SEQUENCE {{ name }} OWNED BY {{ owner }};

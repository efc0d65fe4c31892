CREATE EXTENSION IF NOT EXISTS timescaledb{% if schema %} SCHEMA {{ schema }}{% endif %};

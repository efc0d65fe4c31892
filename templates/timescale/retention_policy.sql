{%- set policy = "retention_policy" -%}
{%- set lag = "drop_after" -%}
{%- include "timescale/_chunk_policy.sql" -%}

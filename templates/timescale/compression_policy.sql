{%- set policy = "compression_policy" -%}
{%- set lag = "compress_after" -%}
{%- include "timescale/_chunk_policy.sql" -%}

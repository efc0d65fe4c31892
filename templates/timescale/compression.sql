{%- if op == "drop" -%}
-- hazard: every compressed chunk of {{ from.table }} is decompressed before compression is disabled
SELECT decompress_chunk(c, true) FROM show_chunks({{ from.regclass }}) c
{%- if build.idempotent %} WHERE EXISTS (SELECT FROM timescaledb_information.hypertables h WHERE format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass = {{ from.regclass }}::regclass AND h.compression_enabled){% endif %};
ALTER TABLE {{ from.table }} SET (timescaledb.compress = false);
{%- else -%}
{%- if op == "alter" and decompress %}
-- hazard: every compressed chunk of {{ to.table }} is decompressed: a column its compression settings name is dropped, which TimescaleDB refuses while a compressed chunk uses it (the policy compresses them again)
SELECT decompress_chunk(c, true) FROM show_chunks({{ to.regclass }}) c;
{% endif -%}
ALTER TABLE {{ to.table }} SET (timescaledb.compress
{%- if to.has_segmentby %}, timescaledb.compress_segmentby = {{ to.segmentby }}{% endif %}
{%- if to.has_orderby %}, timescaledb.compress_orderby = {{ to.orderby }}{% endif %});
{%- if op == "alter" and from.has_segmentby and not to.has_segmentby %}
ALTER TABLE {{ to.table }} RESET (timescaledb.compress_segmentby);
{%- endif %}
{%- if op == "alter" and from.has_orderby and not to.has_orderby %}
ALTER TABLE {{ to.table }} RESET (timescaledb.compress_orderby);
{%- endif %}
{%- endif %}

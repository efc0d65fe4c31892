DROP AGGREGATE {{ signature }};

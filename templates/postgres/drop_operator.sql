DROP OPERATOR {{ signature }};

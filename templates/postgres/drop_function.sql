DROP {{ kind }} {{ signature }};

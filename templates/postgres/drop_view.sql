DROP {{ kind }} {{ name }};

ALTER TABLE {{ table }} {% if index %}CLUSTER ON {{ index }}{% else %}SET WITHOUT CLUSTER{% endif %};

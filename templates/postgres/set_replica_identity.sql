ALTER TABLE {{ table }} REPLICA IDENTITY {{ identity }};

-- Triggers in each state, which the desired state switches.
CREATE TABLE items (
    id integer PRIMARY KEY,
    touched timestamptz
);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.touched := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER items_touch_insert BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE items DISABLE TRIGGER items_touch_insert;
CREATE TRIGGER items_replica BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE items ENABLE REPLICA TRIGGER items_replica;
COMMENT ON TRIGGER items_replica ON items IS 'fires on replicas only';

-- Disabled, enabled again, ALWAYS; a new trigger created disabled; a trigger whose
-- definition changes keeps its state.
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
ALTER TABLE items DISABLE TRIGGER items_touch;
CREATE TRIGGER items_touch_insert BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER items_replica BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE items ENABLE ALWAYS TRIGGER items_replica;
COMMENT ON TRIGGER items_replica ON items IS 'fires always';
CREATE TRIGGER items_audit AFTER DELETE ON items FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE items DISABLE TRIGGER USER;
ALTER TABLE items ENABLE TRIGGER items_touch_insert;
ALTER TABLE items ENABLE ALWAYS TRIGGER items_replica;

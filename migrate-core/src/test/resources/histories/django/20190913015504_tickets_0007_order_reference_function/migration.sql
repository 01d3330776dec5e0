--
-- Raw SQL operation
--
CREATE OR REPLACE FUNCTION tickets_next_reference() RETURNS varchar AS $$
DECLARE
    alphabet CONSTANT text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    result text := '';
BEGIN
    FOR i IN 1..8 LOOP
        result := result || substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1);
    END LOOP;
    RETURN result;
END;
$$ LANGUAGE plpgsql VOLATILE;

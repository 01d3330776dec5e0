-- old
-- new
CREATE FUNCTION next_business_day(d date) RETURNS date LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    result date := d + 1;
BEGIN
    WHILE extract(isodow FROM result) IN (6, 7) LOOP
        result := result + 1;
    END LOOP;
    RETURN result;
END;
$fn$;
-- expect-hazards: UNTRACKED_DEPENDENCIES

-- Events without coordinates had boxes covering the whole globe, so every map-view search
-- fetched them only to drop them. Their boxes now sit off the map (1000, outside every
-- latitude and longitude): searches by time alone still find them, map views never do.
UPDATE `occurrence_boxes` SET `y0` = 1000, `y1` = 1000, `x0` = 1000, `x1` = 1000
WHERE `id` IN (SELECT o.`id` FROM `event_occurrences` o JOIN `events_index` e ON e.`id` = o.`event_id` WHERE e.`lat` IS NULL OR e.`lon` IS NULL);

-- A box per occurrence: its time span (in minutes, as R*Tree stores 32-bit floats and
-- rounds boxes outward, so it is a pre-filter the exact conditions then confirm) and the
-- event's point. "Events in this window and this map view" becomes one R*Tree search
-- instead of a scan of every occurrence that started before the window's end.
-- Events without coordinates cover the whole globe, so only an exact bbox test drops them.
CREATE VIRTUAL TABLE `occurrence_boxes` USING rtree(`id`, `t0`, `t1`, `y0`, `y1`, `x0`, `x1`);
--> statement-breakpoint
INSERT INTO `occurrence_boxes` (`id`, `t0`, `t1`, `y0`, `y1`, `x0`, `x1`)
SELECT o.`id`, o.`start` / 60000.0, o.`end` / 60000.0,
       coalesce(e.`lat`, -90), coalesce(e.`lat`, 90), coalesce(e.`lon`, -180), coalesce(e.`lon`, 180)
FROM `event_occurrences` o JOIN `events_index` e ON e.`id` = o.`event_id`;

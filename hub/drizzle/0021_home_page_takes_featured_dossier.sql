-- The settings' featured dossier becomes the home page arrangement's first feature, as the
-- portal showed it: only where the operator never saved an arrangement (a saved one
-- replaced it on the page already) and where the dossier still exists.
INSERT INTO `home_page` (`id`, `banner`, `banner_url`, `features`, `updated_at`, `updated_by`)
SELECT 1, NULL, NULL, json_array(json_object('type', 'dossier', 'id', `hub_settings`.`featured_dossier_id`)), `hub_settings`.`updated_at`, `hub_settings`.`updated_by`
FROM `hub_settings`
WHERE `hub_settings`.`id` = 1
  AND `hub_settings`.`featured_dossier_id` IS NOT NULL
  AND EXISTS (SELECT 1 FROM `content` WHERE `content`.`id` = `hub_settings`.`featured_dossier_id` AND `content`.`type` = 'dossier')
  AND NOT EXISTS (SELECT 1 FROM `home_page`);
--> statement-breakpoint
ALTER TABLE `hub_settings` DROP COLUMN `featured_dossier_id`;

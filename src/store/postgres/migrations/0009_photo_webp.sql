-- Photos uploaded from now on also have WebP files name-<width>.webp beside the variants in
-- their own format (the JPEG or PNG a browser without WebP falls back to); older photos
-- have none, so pages offer WebP only where webp is true.
ALTER TABLE photos ADD COLUMN webp BOOLEAN NOT NULL DEFAULT false;

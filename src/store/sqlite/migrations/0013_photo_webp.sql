-- Photos uploaded from now on also have WebP files name-<width>.webp beside the variants in
-- their own format (the JPEG or PNG a browser without WebP falls back to); older photos
-- have none, so pages offer WebP only where webp = 1.
ALTER TABLE photos ADD COLUMN webp INTEGER NOT NULL DEFAULT 0 CHECK (webp IN (0, 1));

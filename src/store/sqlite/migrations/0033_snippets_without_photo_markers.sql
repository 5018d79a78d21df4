-- Snippets without photo markers (issue #19). A snippet is the program's excerpt of the body
-- (core/text.hpp), which SQL cannot make: the step of this name in
-- store/sql/migration_steps.hpp makes again, in this migration's transaction, the snippets of
-- the articles whose body holds "[사진". No schema change; a migration runs one statement.
SELECT 1;

-- Refusing the same text posted again (issue #16) looks up the client's earlier comments by the
-- first 32 characters of their body (store/sql/comment_methods.hpp, kSameText) instead of
-- reading every comment the client posted in the hour. The expression is the query's, as it
-- must be for the planner to use the index.
CREATE INDEX IF NOT EXISTS comments_client_text ON comments (client, substr(body, 1, 32), created_at);

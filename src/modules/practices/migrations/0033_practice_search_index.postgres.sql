-- The search index takes each practice's terms at once (fastupdate off), instead of into a pending list that every
-- search must read through until VACUUM merges it: with the 10,000 practices of bench/practices_search.cpp just
-- loaded, a search that matched nothing took 34 ms instead of 1.4 ms. Practices are written seldom and searched
-- often. gin_clean_pending_list merges what is pending now.
ALTER INDEX practice_terms_search SET (fastupdate = off);
SELECT gin_clean_pending_list('practice_terms_search'::regclass);

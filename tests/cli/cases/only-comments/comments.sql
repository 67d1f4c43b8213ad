-- Nothing to do in this release.

/* Not even
   /* a nested */ statement. */
   
-- The end.

"""Where the checks of a run are computed (DESIGN.md section 8).

A corpus check declares what it groups claims by (``GROUP``) and checks one group at a time
(``check_group(ctx, claims)``); an engine decides where the groups are made and checked:
:mod:`audit.engines.groups` in this process (the local engine), :mod:`audit.engines.dask_engine`
on a Dask cluster. Both sort the findings once at the end, so their reports are byte-identical.
"""

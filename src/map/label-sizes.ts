/**
 * The story's smallest map label at type scale 1, in CSS px: a distance arc's label
 * (src/map/label-plan.ts). Places' names are 13–15 px. A frame that scales its map type
 * (an export, the kiosk) brings this one up to the size it needs.
 */
export const SMALLEST_MAP_LABEL_PX = 12;

/**
 * The zoom step from which short distance arcs are labelled (anywhere), and every distance label on a
 * narrow (phone-sized) map: zoomed out, they crowd the air bases' names; the distances stay in each
 * place's details.
 */
export const DISTANCE_LABELS_MIN_ZOOM = 4;

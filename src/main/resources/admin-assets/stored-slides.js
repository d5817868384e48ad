// Draws the stored slides of the approval queue and the announcement page with the kiosk's
// renderer, one frame per language.
import { drawStoredSlides } from '/admin/assets/slide-preview.js';

drawStoredSlides();

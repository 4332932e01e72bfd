/** The run report: one self-contained HTML page with inline SVG plots. */
package io.vellum.simulations.report;

/** The daemon's persistent record store (H2 MVStore). Thread-safe: MVStore maps are concurrent. */
package io.chordia.app.store;

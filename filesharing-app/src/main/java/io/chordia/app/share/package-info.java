/**
 * File sharing: manifests, content ids and links, and the {@link io.chordia.app.share.ShareService}
 * facade the daemon hosts. Value types are immutable and thread-safe; the service's threading is
 * described on the class.
 */
package io.chordia.app.share;

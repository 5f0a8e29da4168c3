/** Small helpers every module shares: argument checks and the immutable {@code Bytes} value. */
package io.chordia.core.util;

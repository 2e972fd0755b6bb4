package org.switchboard.speech.vosk.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.NativeLibrary;

/**
 * glibc's {@code malloc_trim}: after a model is freed, hands the native heap pages it held back to the system (glibc
 * keeps freed memory inside its heap otherwise, and the process's resident size would not fall). A C library without
 * it (musl) is left alone.
 */
final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    private NativeHeap() {}

    static void trim() {
        try {
            NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("malloc_trim not available: {}", e.toString());
        }
    }
}

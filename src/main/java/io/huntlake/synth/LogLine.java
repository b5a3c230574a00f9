package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import java.time.Instant;

/** One line a container wrote (before any runtime splits it into partial CRI lines). */
record LogLine(Pod pod, String container, Instant time, String stream, String message) {}

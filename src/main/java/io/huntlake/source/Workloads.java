package io.huntlake.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the workload that owns a pod from the pod's name, so baselines survive pod churn. The
 * controllers' naming rules: a Deployment's pod is {@code <deployment>-<pod-template-hash>-<5>}, a
 * CronJob's {@code <cronjob>-<scheduled minute>-<5>}, a DaemonSet's or Job's {@code <name>-<5>}, a
 * StatefulSet's {@code <name>-<ordinal>}.
 */
public final class Workloads {
  /** Kubernetes' random suffix alphabet: consonants and digits without look-alikes. */
  private static final String ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";

  private static final Pattern DEPLOYMENT =
      Pattern.compile("^(.+)-" + ALPHABET + "{6,10}-" + ALPHABET + "{5}$");
  private static final Pattern CRONJOB = Pattern.compile("^(.+)-\\d{8,}-" + ALPHABET + "{5}$");
  private static final Pattern GENERATED = Pattern.compile("^(.+)-" + ALPHABET + "{5}$");
  private static final Pattern ORDINAL = Pattern.compile("^(.+)-\\d{1,4}$");

  private Workloads() {}

  public static String fromPod(String pod) {
    if (pod == null || pod.isEmpty()) {
      return null;
    }
    for (Pattern pattern : new Pattern[] {CRONJOB, DEPLOYMENT, GENERATED, ORDINAL}) {
      Matcher m = pattern.matcher(pod);
      if (m.matches() && hasLetters(m.group(1))) {
        return m.group(1);
      }
    }
    return pod;
  }

  /**
   * The kind of controller a pod's name says owns it: deployment, cronjob, daemonset-or-job (their
   * names look alike), statefulset, or pod when the name has no controller's shape.
   */
  public static String kindFromPod(String pod) {
    if (pod == null || pod.isEmpty()) {
      return null;
    }
    String[] kinds = {"cronjob", "deployment", "daemonset-or-job", "statefulset"};
    Pattern[] patterns = {CRONJOB, DEPLOYMENT, GENERATED, ORDINAL};
    for (int i = 0; i < patterns.length; i++) {
      Matcher m = patterns[i].matcher(pod);
      if (m.matches() && hasLetters(m.group(1))) {
        return kinds[i];
      }
    }
    return "pod";
  }

  /**
   * {@link #fromPod} remembered for the pods a parser meets again and again (a container log file
   * is one pod's, a Fluent Bit file a node's few dozen), bounded so a file of unique names cannot
   * grow it. One per parser: not shared between threads.
   */
  static final class Memo {
    private static final int MAX_PODS = 4096;
    private final java.util.HashMap<String, String> workloads = new java.util.HashMap<>();

    String fromPod(String pod) {
      if (pod == null || pod.isEmpty()) {
        return Workloads.fromPod(pod); // the only names without a workload
      }
      String workload = workloads.get(pod);
      if (workload == null) {
        if (workloads.size() >= MAX_PODS) {
          workloads.clear();
        }
        workload = Workloads.fromPod(pod);
        workloads.put(pod, workload);
      }
      return workload;
    }
  }

  private static boolean hasLetters(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isLetter(name.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

package io.kuberoute.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import java.util.Map;

/**
 * The generated cluster as full Kubernetes objects, shaped like real ones: a Deployment's pod with
 * probes, env, resources, volumes, owner reference and a full status (about 3.5 KB of JSON), a
 * node with its capacity, conditions and system info, a NodePort service.
 */
final class Fabric8Objects {
  private Fabric8Objects() {}

  static Node node(NodeInfo n) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(n.name())
            .addToLabels("kubernetes.io/hostname", n.name())
            .addToLabels("kubernetes.io/os", "linux")
            .addToLabels("node.kubernetes.io/instance-type", "m5.xlarge")
            .addToLabels("topology.kubernetes.io/zone", "eu-central-1a")
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(n.unschedulable())
            .withPodCIDR("10.244.0.0/24")
            .withProviderID("aws:///eu-central-1a/i-0" + Integer.toHexString(n.name().hashCode()))
            .endSpec()
            .withNewStatus()
            .addToCapacity("cpu", new Quantity("4"))
            .addToCapacity("memory", new Quantity("16Gi"))
            .addToCapacity("pods", new Quantity("110"))
            .addToAllocatable("cpu", new Quantity("3920m"))
            .addToAllocatable("memory", new Quantity("15Gi"))
            .addToAllocatable("pods", new Quantity("110"))
            .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory").endCondition()
            .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure").endCondition()
            .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID").endCondition()
            .addNewCondition()
            .withType("Ready")
            .withStatus(n.ready() ? "True" : "False")
            .withReason(n.ready() ? "KubeletReady" : "KubeletNotReady")
            .endCondition()
            .withNewNodeInfo()
            .withKubeletVersion("v1.32.1")
            .withContainerRuntimeVersion("containerd://1.7.22")
            .withOsImage("Ubuntu 24.04 LTS")
            .withKernelVersion("6.8.0-1021-aws")
            .withArchitecture("amd64")
            .withOperatingSystem("linux")
            .withMachineID("ec2" + Integer.toHexString(n.name().hashCode()))
            .withSystemUUID("ec2" + Integer.toHexString(n.name().hashCode()))
            .withBootID("b" + Integer.toHexString(n.name().hashCode()))
            .endNodeInfo()
            .endStatus();
    for (String ip : n.internalIps()) {
      b.editStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress().endStatus();
    }
    for (String ip : n.externalIps()) {
      b.editStatus().addNewAddress().withType("ExternalIP").withAddress(ip).endAddress().endStatus();
    }
    b.editStatus().addNewAddress().withType("Hostname").withAddress(n.name()).endAddress().endStatus();
    return b.build();
  }

  static Service service(ServiceInfo s) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(s.name())
        .withNamespace(s.namespace())
        .withLabels(s.labels())
        .addToAnnotations("meta.helm.sh/release-name", s.name())
        .endMetadata()
        .withNewSpec()
        .withType(s.type())
        .withSelector(s.selector().orElse(Map.of()))
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).withNodePort(30080).withProtocol("TCP").endPort()
        .withExternalTrafficPolicy("Cluster")
        .withSessionAffinity("None")
        .endSpec()
        .build();
  }

  static Pod pod(PodInfo p) {
    String app = p.labels().getOrDefault("app", "app");
    return new PodBuilder()
        .withNewMetadata()
        .withName(p.name())
        .withGenerateName(app + "-7d9f8b6c5d-")
        .withNamespace(p.namespace())
        .withLabels(p.labels())
        .addToLabels("app.kubernetes.io/name", app)
        .addToLabels("app.kubernetes.io/version", "1.42.0")
        .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-11-20T08:13:59Z")
        .addToAnnotations("prometheus.io/scrape", "true")
        .addToAnnotations("prometheus.io/port", "9090")
        .addNewOwnerReference()
        .withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-7d9f8b6c5d")
        .withUid("0b6e8a52-3c9d-4f1e-a7b2-" + Integer.toHexString(app.hashCode())).withController(true).withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName(p.nodeName().orElse(null))
        .withServiceAccountName(app)
        .withRestartPolicy("Always")
        .withTerminationGracePeriodSeconds(30L)
        .withDnsPolicy("ClusterFirst")
        .withSchedulerName("default-scheduler")
        .addNewContainer()
        .withName(app)
        .withImage("registry.example.com/" + app + ":1.42.0")
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withContainerPort(9090).withProtocol("TCP").endPort()
        .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue("-XX:MaxRAMPercentage=75").endEnv()
        .addNewEnv().withName("DATABASE_URL").withNewValueFrom().withNewSecretKeyRef().withName(app + "-db").withKey("url").endSecretKeyRef().endValueFrom().endEnv()
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
        .withNewResources()
        .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
        .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
        .endResources()
        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(10).endReadinessProbe()
        .withNewLivenessProbe().withNewHttpGet().withPath("/live").withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(10).endLivenessProbe()
        .addNewVolumeMount().withName("config").withMountPath("/etc/" + app).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("kube-api-access").withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).endVolumeMount()
        .withTerminationMessagePath("/dev/termination-log")
        .withTerminationMessagePolicy("File")
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(app + "-config").withDefaultMode(420).endConfigMap().endVolume()
        .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
        .addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
        .endSpec()
        .withNewStatus()
        .withPhase(p.phase())
        .withHostIP(p.hostIp().orElse(null))
        .withPodIP("10.244." + Math.abs(p.name().hashCode() % 250) + "." + (Math.abs(p.name().hashCode() / 250) % 250))
        .withStartTime("2026-11-20T08:14:03Z")
        .withQosClass("Burstable")
        .addNewCondition().withType("Initialized").withStatus("True").withLastTransitionTime("2026-11-20T08:14:03Z").endCondition()
        .addNewCondition().withType("Ready").withStatus(p.ready() ? "True" : "False").withLastTransitionTime("2026-11-20T08:14:21Z").endCondition()
        .addNewCondition().withType("ContainersReady").withStatus(p.ready() ? "True" : "False").withLastTransitionTime("2026-11-20T08:14:21Z").endCondition()
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime("2026-11-20T08:14:03Z").endCondition()
        .addNewContainerStatus()
        .withName(app).withReady(p.ready()).withStarted(true).withRestartCount(0)
        .withImage("registry.example.com/" + app + ":1.42.0")
        .withImageID("registry.example.com/" + app + "@sha256:3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a")
        .withContainerID("containerd://9f8e7d6c5b4a39281706f5e4d3c2b1a0" + Integer.toHexString(p.name().hashCode()))
        .withNewState().withNewRunning().withStartedAt("2026-11-20T08:14:05Z").endRunning().endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}

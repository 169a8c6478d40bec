# syntax=docker/dockerfile:1
# kuberoute's image: the runnable jar on a Java 17 runtime, run as the non-root user 65532, ready
# for a read-only root file system. Build from the repository root:
#   docker build -t kuberoute:0.1.0 .
# (any OCI builder works: podman build, buildah bud, ...). docs/deploying.md describes the image.

# ---- build: the fat jar, with the project's pinned Maven (the wrapper) ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The whole repository (.dockerignore keeps target/, .git and editor files out); the cache mount
# keeps Maven's downloads between builds.
COPY . .
# The tests need etcd, BIND and free loopback ports: they run in CI (.ci/run), not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl kuberoute-cli -am package \
 && cp kuberoute-cli/target/kuberoute-cli.jar /kuberoute-cli.jar

# ---- runtime: a JRE, the jar, nothing else ----
FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="kuberoute" \
      org.opencontainers.image.description="Publishes DNS records for Kubernetes Services, with quota-based failover" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/kuberoute/kuberoute"

# The user the image runs as, with a passwd entry so the JVM knows its name and home.
RUN groupadd --system --gid 65532 kuberoute \
 && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin kuberoute

COPY --from=build /kuberoute-cli.jar /app/kuberoute-cli.jar

# A class-data-sharing archive of the classes a normal run loads: the JVM maps them from it instead
# of reading and verifying them from the jar, which takes about a second off every start. The
# list (deploy/cds/kuberoute.classlist) is recorded by `./run-benchmarks --classlist`; the archive
# is dumped here, by the JVM that uses it. A JVM that cannot use the archive starts without it.
COPY --from=build /src/deploy/cds/kuberoute.classlist /app/kuberoute.classlist
RUN java -Xshare:dump -XX:SharedClassListFile=/app/kuberoute.classlist \
      -XX:SharedArchiveFile=/app/kuberoute.jsa -cp /app/kuberoute-cli.jar \
 && rm /app/kuberoute.classlist

# The JVM options, in this one place (the java launcher reads JDK_JAVA_OPTIONS and says so in one
# "NOTE: Picked up JDK_JAVA_OPTIONS" line on stderr; set the variable to change them):
#   -XX:+UseSerialGC              one GC thread: a small heap, no pause that matters here
#   -XX:MaxRAMPercentage=75       the heap may use 75% of the container's memory limit
#   -XX:TieredStopAtLevel=1       C1 only: faster start-up and less memory, enough for the work
#   -Xss512k                      half the default thread stack
#   -XX:-UsePerfData              no hsperfdata file under /tmp (jps and jstat do not see the JVM)
#   -XX:+ExitOnOutOfMemoryError   exit, so that Kubernetes restarts the pod, instead of limping on
#   -XX:SharedArchiveFile=...     the class-data-sharing archive dumped above
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/kuberoute.jsa"

# Nothing is written outside /tmp: mount an emptyDir (or a tmpfs) there when the root file system
# is read-only; netty (gRPC for etcd) may unpack a native transport library into it.
WORKDIR /app
USER 65532:65532
# GET /health, /healthz, /readyz, /metrics, /status; the port is [kuberoute] port in the config
EXPOSE 8081
ENTRYPOINT ["java", "-jar", "/app/kuberoute-cli.jar"]
# The configuration file, e.g. a ConfigMap or Secret mounted at /etc/kuberoute; arguments given
# to `docker run IMAGE ...` or a pod's `args` replace this default.
CMD ["--config", "/etc/kuberoute/config"]

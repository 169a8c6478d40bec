package io.kuberoute.cli;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so, once, when a sync that read the cluster found no labelled Service at all: the usual
 * first-run mistake (wrong namespace, label keys or service type) otherwise looks like success.
 * Said again only after a sync found Services in between.
 */
final class NothingToPublishNotice implements Consumer<SyncResult> {

  private static final Logger log = LoggerFactory.getLogger(NothingToPublishNotice.class);

  private final IntSupplier routedServices;
  private final String what;
  private boolean said;

  /**
   * @param routedServices how many Services have a route as of the last sync (asked after every
   *     sync, so it must not cost a pass over the Services, as building the report would)
   * @param what the selection, e.g. {@code "in namespaces default (labels kuberoute_domain and
   *     kuberoute_name, type NodePort)"}
   */
  NothingToPublishNotice(IntSupplier routedServices, String what) {
    this.routedServices = routedServices;
    this.what = what;
  }

  @Override
  public synchronized void accept(SyncResult result) {
    boolean clusterRead =
        result.errors().stream().noneMatch(e -> e.cause() == SyncError.Cause.CLUSTER);
    if (!clusterRead
        || result.outcome() == SyncResult.Outcome.STANDBY
        || result.outcome() == SyncResult.Outcome.STARTING) {
      return;
    }
    boolean none =
        routedServices.getAsInt() == 0
            && result.errors().stream().noneMatch(e -> e.cause() == SyncError.Cause.SERVICE);
    if (none && !said) {
      log.info("0 labelled Services {}: nothing to publish", what);
    }
    said = none;
  }
}

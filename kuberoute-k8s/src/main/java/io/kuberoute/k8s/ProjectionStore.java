package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer's item store that keeps, per object, only its resource version and the trimmed
 * projection kuberoute needs ({@code P}, e.g. a core {@code PodInfo}), never the whole object.
 *
 * <p>The informer deserialises each listed or watched object, hands it to {@link #put}, and the
 * object becomes garbage right away. What the informer asks back ({@link #get}, {@link #values}) is
 * a stub carrying only namespace, name and resource version: enough for its bookkeeping (keys,
 * relists, delete notifications), which is all it needs because {@link #isFullState()} is false.
 *
 * <p>{@code onChange} runs (on the informer's thread, so it must be quick) with the object's key
 * and its new projection (null once it is gone) whenever the projection of an object changes,
 * appears or disappears; an update that leaves the projection equal (status noise, a new resource
 * version, an annotation) is silent.
 */
final class ProjectionStore<T extends HasMetadata, P> implements ItemStore<T> {

  private static final Logger log = LoggerFactory.getLogger(ProjectionStore.class);

  private record Entry<P>(String resourceVersion, P projection) {}

  private final ConcurrentHashMap<String, Entry<P>> entries = new ConcurrentHashMap<>();
  private final Function<T, P> project;
  private final Function<ObjectMeta, T> stub;
  private final java.util.function.BiConsumer<String, P> onChange;
  private volatile Runnable onEvent = () -> {};

  /**
   * @param project turns an object into its projection; must not throw for a well-formed object
   * @param stub builds an object of the informer's type from metadata alone
   * @param onChange called when a projection changes
   */
  ProjectionStore(
      Function<T, P> project,
      Function<ObjectMeta, T> stub,
      java.util.function.BiConsumer<String, P> onChange) {
    this.project = Objects.requireNonNull(project, "project");
    this.stub = Objects.requireNonNull(stub, "stub");
    this.onChange = Objects.requireNonNull(onChange, "onChange");
  }

  /**
   * Also calls {@code r} for every object put or removed, changed or not (each list item, each
   * watch event).
   */
  ProjectionStore<T, P> onEvent(Runnable r) {
    this.onEvent = Objects.requireNonNull(r, "r");
    return this;
  }

  /** The projections of every object held, in no particular order. */
  List<P> projections() {
    List<P> out = new ArrayList<>(entries.size());
    for (Entry<P> e : entries.values()) {
      if (e.projection() != null) {
        out.add(e.projection());
      }
    }
    return out;
  }

  /** The projection of the object with {@code key} ({@code namespace/name}, or name), or null. */
  P projection(String key) {
    Entry<P> e = entries.get(key);
    return e == null ? null : e.projection();
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    onEvent.run();
    P projection;
    try {
      projection = project.apply(obj);
    } catch (RuntimeException e) {
      // a projection is total over well-formed objects; keep the key so relists stay consistent
      log.warn("ignoring {} {}: cannot read it: {}", obj.getKind(), key, e.toString());
      projection = null;
    }
    String rv = obj.getMetadata() == null ? null : obj.getMetadata().getResourceVersion();
    Entry<P> old = entries.put(key, new Entry<>(rv, projection));
    if (old == null || !Objects.equals(old.projection(), projection)) {
      changed(key, projection);
    }
    return old == null ? null : stubOf(key, old);
  }

  @Override
  public T remove(String key) {
    onEvent.run();
    Entry<P> old = entries.remove(key);
    if (old == null) {
      return null;
    }
    changed(key, null);
    return stubOf(key, old);
  }

  @Override
  public Stream<String> keySet() {
    return entries.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return entries.entrySet().stream().map(e -> stubOf(e.getKey(), e.getValue()));
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public T get(String key) {
    Entry<P> e = entries.get(key);
    return e == null ? null : stubOf(key, e);
  }

  @Override
  public boolean isFullState() {
    return false;
  }

  private void changed(String key, P projection) {
    try {
      onChange.accept(key, projection);
    } catch (RuntimeException e) {
      log.warn("change listener failed: {}", e.toString());
    }
  }

  private T stubOf(String key, Entry<P> e) {
    int slash = key.indexOf('/');
    ObjectMetaBuilder meta = new ObjectMetaBuilder().withResourceVersion(e.resourceVersion());
    if (slash < 0) {
      meta.withName(key);
    } else {
      meta.withNamespace(key.substring(0, slash)).withName(key.substring(slash + 1));
    }
    return stub.apply(meta.build());
  }
}

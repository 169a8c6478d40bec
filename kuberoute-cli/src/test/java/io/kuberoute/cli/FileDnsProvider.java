package io.kuberoute.cli;

import io.kuberoute.core.app.ChangeLines;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend the program knows only through {@link java.util.ServiceLoader} (registered in this
 * module's test resources, named nowhere in the code): {@code dns_backend = filedns}, section
 * {@code [filedns] file = PATH}. It keeps its records in memory and appends each change line to the
 * file; its "DNS" is empty at every start.
 */
public final class FileDnsProvider implements DnsBackendProvider {

  @Override
  public String name() {
    return "filedns";
  }

  @Override
  public String sectionExample() {
    return "e.g. 'file = changes.txt'";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    Path file =
        section
            .path("file")
            .orElseThrow(() -> section.invalid("file", "", "a file to append the changes to"));
    return context -> new FileDns(file, context.ownerId());
  }

  private static final class FileDns implements DnsBackend {
    private final Path file;
    private final String ownerId;
    private final List<CurrentRecord> records = new ArrayList<>();

    FileDns(Path file, String ownerId) {
      this.file = file;
      this.ownerId = ownerId;
    }

    @Override
    public synchronized ZoneState read(ReadScope scope, boolean refresh) {
      return ZoneState.of(records.stream().filter(scope::wants).toList());
    }

    @Override
    public synchronized ApplyResult apply(ChangeSet changes) {
      for (NameChanges name : changes.byName().values()) {
        for (RecordSet d : name.deletes()) {
          records.removeIf(c -> c.key().equals(d.key()));
        }
        for (RecordUpdate u : name.updates()) {
          records.removeIf(c -> c.key().equals(u.before().key()));
          records.add(new CurrentRecord(u.after(), Ownership.ownedBy(ownerId, u.resource())));
        }
        for (DesiredRecord c : name.creates()) {
          records.add(new CurrentRecord(c.record(), Ownership.ownedBy(ownerId, c.resource())));
        }
      }
      try {
        Files.write(
            file,
            ChangeLines.of(changes),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ApplyResult.OK;
    }
  }
}

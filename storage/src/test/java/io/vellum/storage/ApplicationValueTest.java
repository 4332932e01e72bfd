package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of the layers above (the consensus state): atomic with the batch, durable, checked on read. */
class ApplicationValueTest {
    @TempDir
    Path directory;

    @Test
    void isWrittenWithItsBatchAndSurvivesAReopen() {
        Path path = directory.resolve("store");
        try (Store store = Store.open(path, StoreOptions.processCrashSafe())) {
            assertThat(store.applicationValue("consensus")).isEmpty();
            try (ApplyBatch batch = store.batch()) {
                batch.putApplicationValue("consensus", new byte[] {1, 2, 3});
                batch.appliedIndex(new AppliedIndex(1, 7));
                batch.commit();
            }
            try (ApplyBatch abandoned = store.batch()) {
                abandoned.putApplicationValue("consensus", new byte[] {9});
            }
            assertThat(store.applicationValue("consensus")).hasValue(new byte[] {1, 2, 3});
        }
        try (Store reopened = Store.open(path, StoreOptions.processCrashSafe())) {
            assertThat(reopened.applicationValue("consensus")).hasValue(new byte[] {1, 2, 3});
            assertThat(reopened.applicationValue("other")).isEmpty();
        }
    }

    @Test
    void aDamagedValueIsReportedNotReturned() throws Exception {
        Path path = directory.resolve("store");
        try (Store store = Store.open(path, StoreOptions.processCrashSafe())) {
            try (ApplyBatch batch = store.batch()) {
                batch.putApplicationValue("consensus", new byte[] {1, 2, 3, 4, 5});
                batch.commit();
            }
        }
        try (Store store = Store.open(path, StoreOptions.processCrashSafe())) {
            byte[] key = Keys.meta(ApplyBatch.APPLICATION_PREFIX + "consensus");
            byte[] value = Raw.get(store, ColumnFamily.META, key);
            value[value.length - 1] ^= 0x40;
            Raw.put(store, ColumnFamily.META, key, value);
            assertThatThrownBy(() -> store.applicationValue("consensus")).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("meta");
        }
    }
}

package io.innopoints.ingest.bulk;

/** Receives the bulk loader's progress: bytes read of the file and records handled so far. */
public interface ProgressListener extends AutoCloseable {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(long totalBytes, long resumedRecords) {
        }

        @Override
        public void update(long bytesRead, long records, long rejected) {
        }

        @Override
        public void close() {
        }
    };

    void start(long totalBytes, long resumedRecords);

    void update(long bytesRead, long records, long rejected);

    @Override
    void close();
}

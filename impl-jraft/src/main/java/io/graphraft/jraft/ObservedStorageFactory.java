package io.graphraft.jraft;

import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.RaftMetaStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.alipay.sofa.jraft.storage.RaftMetaStorage;

/**
 * jraft's default storages (RocksDB log, file meta, local snapshots) for one start of one member,
 * keeping hold of what the node does not expose: its current term (jraft persists every term
 * change in the meta storage before acting on it, but offers no getter) and its log's first index.
 */
final class ObservedStorageFactory extends DefaultJRaftServiceFactory {
    private volatile long term;
    private volatile LogStorage logStorage;

    long term() {
        return term;
    }

    /** The first index in this member's log: above 1 once it was truncated behind a snapshot or the member started from an installed one. */
    long firstLogIndex() {
        LogStorage storage = logStorage;
        return storage == null ? 0 : storage.getFirstLogIndex();
    }

    @Override
    public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
        LogStorage storage = super.createLogStorage(uri, raftOptions);
        logStorage = storage;
        return storage;
    }

    @Override
    public RaftMetaStorage createRaftMetaStorage(String uri, RaftOptions raftOptions) {
        return new TermWatchingMetaStorage(super.createRaftMetaStorage(uri, raftOptions));
    }

    private final class TermWatchingMetaStorage implements RaftMetaStorage {
        private final RaftMetaStorage delegate;

        TermWatchingMetaStorage(RaftMetaStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean init(RaftMetaStorageOptions options) {
            boolean done = delegate.init(options);
            if (done) {
                term = delegate.getTerm();
            }
            return done;
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public boolean setTerm(long value) {
            term = value;
            return delegate.setTerm(value);
        }

        @Override
        public long getTerm() {
            return delegate.getTerm();
        }

        @Override
        public boolean setVotedFor(PeerId peer) {
            return delegate.setVotedFor(peer);
        }

        @Override
        public PeerId getVotedFor() {
            return delegate.getVotedFor();
        }

        @Override
        public boolean setTermAndVotedFor(long value, PeerId peer) {
            term = value;
            return delegate.setTermAndVotedFor(value, peer);
        }
    }
}

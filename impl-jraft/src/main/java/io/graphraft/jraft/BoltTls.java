package io.graphraft.jraft;

import com.alipay.remoting.config.BoltClientOption;
import com.alipay.remoting.config.BoltServerOption;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.RpcServer;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.network.TlsMaterial;

import java.util.List;
import java.util.Optional;

/**
 * {@code tls=on} through SOFABolt's own TLS (1.6.x: {@code bolt.server.ssl.*} / {@code bolt.client.ssl.*}
 * options, set per server and per client, never as JVM-wide system properties): an {@code SslHandler}
 * first in every pipeline. Bolt takes key and trust from one PKCS#12 store (the member's, which holds
 * its key and the cluster's CA as a trusted entry); the server requires the caller's certificate;
 * the client does not check the server's host name, only that the CA signed its certificate.
 *
 * @param keyStore  the PKCS#12 key store of this member (or of the clients)
 * @param password  its password
 */
record BoltTls(String keyStore, String password) {
    private static final String STORE_TYPE = "PKCS12";

    /** The TLS of {@code name} ({@code n<i>} or {@link ClusterTls#CLIENT}) if the spec asks for it. */
    static Optional<BoltTls> of(ClusterSpec spec, String name) {
        if (!spec.tls()) {
            return Optional.empty();
        }
        TlsMaterial tls = TlsMaterial.load(ClusterTls.directory(spec), List.of(name));
        return Optional.of(new BoltTls(tls.member(name).keyStore().toString(), tls.storePassword()));
    }

    /** Before the server starts. */
    void applyTo(RpcServer server) {
        server.option(BoltServerOption.SRV_SSL_ENABLE, true);
        server.option(BoltServerOption.SRV_SSL_NEED_CLIENT_AUTH, true);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE_TYPE, STORE_TYPE);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE, keyStore);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE_PASS, password);
    }

    /** Before the client opens a connection. */
    void applyTo(RpcClient client) {
        client.option(BoltClientOption.CLI_SSL_ENABLE, true);
        client.option(BoltClientOption.CLI_SSL_KEYSTORE_TYPE, STORE_TYPE);
        client.option(BoltClientOption.CLI_SSL_KEYSTORE, keyStore);
        client.option(BoltClientOption.CLI_SSL_KEYSTORE_PASS, password);
    }
}

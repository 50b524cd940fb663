package io.graphraft.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsMaterialTest {
    @TempDir
    Path directory;

    private EventLoopGroup group;

    @BeforeEach
    void startLoop() {
        group = new NioEventLoopGroup(1);
    }

    @AfterEach
    void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void membersHandshakeMutualTlsFromThePemFilesWithHostnameVerification() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(directory, List.of("n0", "n1"));
        TlsMaterial.MemberFiles server = tls.member("n0");
        TlsMaterial.MemberFiles client = tls.member("n1");

        SslContext serverContext = SslContextBuilder
                .forServer(server.certificateChainPem().toFile(), server.privateKeyPem().toFile())
                .trustManager(tls.caCertificatePem().toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
        SslContext clientContext = SslContextBuilder.forClient()
                .keyManager(client.certificateChainPem().toFile(), client.privateKeyPem().toFile())
                .trustManager(tls.caCertificatePem().toFile())
                .build();

        assertThat(echoOverTls(serverContext, clientContext, "hello over TLS")).isEqualTo("hello over TLS");
    }

    @Test
    void membersHandshakeFromThePkcs12StoresLoadedTheWayCatalystLoadsThem() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(directory, List.of("n0", "n1"));
        char[] password = tls.storePassword().toCharArray();

        SslContext serverContext = SslContextBuilder.forServer(keyManagers(tls.member("n0").keyStore(), password))
                .trustManager(trustManagers(tls.trustStore(), password))
                .clientAuth(ClientAuth.REQUIRE)
                .build();
        SslContext clientContext = SslContextBuilder.forClient()
                .keyManager(keyManagers(tls.member("n1").keyStore(), password))
                .trustManager(trustManagers(tls.trustStore(), password))
                .build();

        assertThat(echoOverTls(serverContext, clientContext, "hello from the stores")).isEqualTo("hello from the stores");
        KeyStore asJks = load(tls.member("n1").keyStore(), password); // Catalyst's NettyTls asks for "JKS"
        assertThat(asJks.isKeyEntry("n1")).isTrue();
        X509Certificate certificate = (X509Certificate) asJks.getCertificate("n1");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=n1");
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(entry -> String.valueOf(entry.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("127.0.0.1", "localhost", "n1");
    }

    @Test
    void aPeerCertifiedByAnotherCaIsRefused() throws Exception {
        TlsMaterial ours = TlsMaterial.generate(directory.resolve("ours"), List.of("n0"));
        TlsMaterial theirs = TlsMaterial.generate(directory.resolve("theirs"), List.of("intruder"));
        SslContext serverContext = SslContextBuilder
                .forServer(ours.member("n0").certificateChainPem().toFile(), ours.member("n0").privateKeyPem().toFile())
                .build();
        SslContext clientContext = SslContextBuilder.forClient()
                .trustManager(theirs.caCertificatePem().toFile())
                .build();

        assertThatThrownBy(() -> echoOverTls(serverContext, clientContext, "let me in"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path");
    }

    @Test
    void existingMaterialIsNeverOverwrittenAndBadNamesAreRefused() throws Exception {
        TlsMaterial first = TlsMaterial.generate(directory, List.of("n0"));
        byte[] before = Files.readAllBytes(first.member("n0").privateKeyPem());

        assertThatThrownBy(() -> TlsMaterial.generate(directory, List.of("n0")))
                .hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(first.member("n0").privateKeyPem())).isEqualTo(before);
        assertThatThrownBy(() -> TlsMaterial.generate(directory.resolve("x"), List.of("../escape")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../escape'");
        assertThatThrownBy(() -> TlsMaterial.generate(directory.resolve("y"), List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> first.member("n9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no TLS material for member 'n9'");
    }

    @Test
    void loadFindsWhatGenerateWroteAndNamesWhatIsMissing() throws Exception {
        assertThat(TlsMaterial.exists(directory)).isFalse();
        TlsMaterial made = TlsMaterial.generate(directory, List.of("n0", "client"));
        assertThat(TlsMaterial.exists(directory)).isTrue();

        TlsMaterial loaded = TlsMaterial.load(directory, List.of("n0", "client"));
        assertThat(loaded.storePassword()).isEqualTo(made.storePassword());
        assertThat(loaded.member("client")).isEqualTo(made.member("client"));
        // the loaded password opens the stores, and each key store trusts the CA (what SOFABolt asks of it)
        KeyStore store = load(loaded.member("n0").keyStore(), loaded.storePassword().toCharArray());
        assertThat(store.isCertificateEntry("ca")).isTrue();

        assertThatThrownBy(() -> TlsMaterial.load(directory, List.of("n0", "n1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n1.key.pem is missing");
        Files.delete(directory.resolve("store-password"));
        assertThatThrownBy(() -> TlsMaterial.load(directory, List.of("n0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("store-password is missing");
    }

    /** Sends {@code message} from a TLS client to a TLS echo server on loopback and returns what came back. */
    private String echoOverTls(SslContext serverContext, SslContext clientContext, String message) throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(serverContext.newHandler(channel.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object bytes) {
                                ctx.writeAndFlush(bytes);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        CompletableFuture<String> echoed = new CompletableFuture<>();
        Channel client = null;
        try {
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            SslHandler tls = clientContext.newHandler(channel.alloc(), "127.0.0.1", address.getPort());
                            SSLParameters parameters = tls.engine().getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
                            tls.engine().setSSLParameters(parameters);
                            tls.handshakeFuture().addListener(done -> {
                                if (!done.isSuccess()) {
                                    echoed.completeExceptionally(done.cause());
                                }
                            });
                            channel.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object bytes) {
                                    ByteBuf buffer = (ByteBuf) bytes;
                                    echoed.complete(buffer.toString(StandardCharsets.UTF_8));
                                    buffer.release();
                                }
                            });
                        }
                    })
                    .connect(address).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
            return echoed.get(10, TimeUnit.SECONDS);
        } finally {
            if (client != null) {
                client.close().awaitUninterruptibly();
            }
            server.close().awaitUninterruptibly();
        }
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static KeyManagerFactory keyManagers(Path keyStore, char[] password) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(keyStore, password), password);
        return factory;
    }

    private static TrustManagerFactory trustManagers(Path trustStore, char[] password) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(trustStore, password));
        return factory;
    }
}

package io.qrlogin.session.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The service's own security configuration, for web slices outside this package. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, AppTokenSecurityConfiguration.class })
public class SecuritySliceConfiguration {
}

package io.qrlogin.scan.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The service's own security configuration, for web slices outside this package. */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecuritySliceConfiguration {
}

# Installs the kiosk files and builds a .deb with CPack (`cpack -G DEB` in a build folder, or
# scripts/build-deb.sh). Shared-library dependencies come from dpkg-shlibdeps; what is loaded at
# run time (QML modules, Qt and GStreamer plugins) comes from deploy/runtime-packages.txt, the
# same list scripts/setup.sh installs.

install(FILES ${CMAKE_SOURCE_DIR}/deploy/bytewave.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/99-bytewave-backlight.rules DESTINATION lib/udev/rules.d)
install(PROGRAMS ${CMAKE_SOURCE_DIR}/deploy/bytewave-audio-output DESTINATION ${CMAKE_INSTALL_SBINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/deploy/eglfs-kms.json DESTINATION /etc/bytewave)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/bytewave.default DESTINATION /etc/default RENAME bytewave)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/raspberry-pi.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/bytewave OPTIONAL)

file(STRINGS ${CMAKE_SOURCE_DIR}/deploy/runtime-packages.txt runtime_lines)
set(runtime_packages "")
foreach(line IN LISTS runtime_lines)
  string(STRIP "${line}" line)
  if(line AND NOT line MATCHES "^#")
    list(APPEND runtime_packages "${line}")
  endif()
endforeach()
list(JOIN runtime_packages ", " runtime_depends)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bytewave)
set(CPACK_PACKAGE_VENDOR ByteWave)
set(CPACK_PACKAGE_CONTACT "ByteWave developers <dev@bytewave.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "private touchscreen music player that learns your taste")
set(CPACK_PACKAGE_DESCRIPTION "ByteWave plays your own music library on a Raspberry Pi touchscreen
and learns your taste on the device from Like, Dislike and Skip. No network, no account.
Includes bytewave-cli, its command-line twin, and a systemd kiosk unit.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${runtime_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "alsa-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/deploy/debian/postinst
    ${CMAKE_SOURCE_DIR}/deploy/debian/postrm
    ${CMAKE_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)

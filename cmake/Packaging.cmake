# Install rules and the Debian package. scripts/package configures the package preset (prefix /usr,
# KHETANE_INSTALL_LAYOUT, so that the binary looks for its files where these rules put them) and runs cpack -G DEB.

set(khetane_share ${CMAKE_INSTALL_DATADIR}/khetane)
install(TARGETS khetane RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# What the binary reads from its share directory (--share-dir) at run time, and nothing else (no tests, no po/):
# the layout and the design system's templates, static files, the reference data with their SOURCES.md (seed, the
# open-data archive's attributions, schemas), the API description it starts from, the kernel's migrations, and each
# module's templates, migrations and openapi.json (src/application/application.cpp, src/web/site.cpp).
install(DIRECTORY templates static data DESTINATION ${khetane_share})
install(FILES docs/api/openapi.json DESTINATION ${khetane_share}/docs/api)
install(DIRECTORY src/kernel/migrations DESTINATION ${khetane_share}/src/kernel)
file(GLOB khetane_module_folders LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/modules/*)
foreach(folder IN LISTS khetane_module_folders)
  get_filename_component(module ${folder} NAME)
  foreach(part templates migrations)
    if(IS_DIRECTORY ${folder}/${part})
      install(DIRECTORY ${folder}/${part} DESTINATION ${khetane_share}/src/modules/${module})
    endif()
  endforeach()
  if(EXISTS ${folder}/openapi.json)
    install(FILES ${folder}/openapi.json DESTINATION ${khetane_share}/src/modules/${module})
  endif()
endforeach()

# The catalogues go in the share directory, not /usr/share/locale: the site offers every language whatever the
# machine's locales, and localepurge or an image's dpkg path-exclude for /usr/share/locale would take them away.
install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION ${khetane_share}/locale)

install(FILES README.md docs/DEPLOYMENT.md packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(NOT KHETANE_INSTALL_LAYOUT)
  return()  # a package of a build that reads the source tree would not work elsewhere
endif()

set(CPACK_PACKAGE_CONTACT "Khetane maintainers <maintainers@users.noreply.h-seed-f716fffe.example>")

# The manual page, from --help (packaging/man-page), and the changelog Debian policy asks every package for.
find_program(HELP2MAN help2man REQUIRED)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/khetane.1.gz
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/man-page $<TARGET_FILE:khetane> ${CMAKE_BINARY_DIR}/khetane.1.gz
  DEPENDS khetane ${CMAKE_SOURCE_DIR}/packaging/man-page ${CMAKE_SOURCE_DIR}/packaging/khetane.h2m)
string(TIMESTAMP khetane_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)  # SOURCE_DATE_EPOCH when set
configure_file(packaging/changelog.in ${CMAKE_BINARY_DIR}/changelog @ONLY)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND gzip -9n < ${CMAKE_BINARY_DIR}/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
  DEPENDS ${CMAKE_BINARY_DIR}/changelog)
add_custom_target(package_files ALL DEPENDS ${CMAKE_BINARY_DIR}/khetane.1.gz ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/khetane.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME khetane)

# The service: its unit (Debian 12 keeps units in /lib/systemd/system) and its settings, 0640 because a PostgreSQL
# URL there may hold a password; postinst gives the group khetane read access.
install(FILES packaging/khetane.service DESTINATION /lib/systemd/system)
install(FILES packaging/khetane.conf DESTINATION /etc/khetane PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME khetane)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "plan and monitor local Roma inclusion policies together")
set(CPACK_PACKAGE_DESCRIPTION
  "Roma communities, civil-society organisations and local authorities plan, carry\n\
out, monitor and evaluate local inclusion policies together: places, the policy\n\
cascade, monitoring, consultations, information requests, meetings, advocacy,\n\
good practices and donor programmes, as a web site and a JSON API, on SQLite or\n\
PostgreSQL. The package runs it as the systemd service khetane on\n\
127.0.0.1:8080, for a proxy in front.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # khetane_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps finds the libraries the binary links; these are what it runs or reads without linking: adduser for
# postinst, procps for the unit's /bin/kill (reload), tzdata for libical's local times, Hunspell's dictionaries for
# Bulgarian and Czech search (without them those languages are searched as written), pg_dump and pg_restore for
# `khetane backup` of a PostgreSQL database.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, procps, tzdata")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hunspell-bg, hunspell-cs, postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
  ${CMAKE_SOURCE_DIR}/packaging/debian/prerm ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

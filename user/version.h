/* SPDX-License-Identifier: MIT */
#ifndef SYSO_KAGG_VERSION_H
#define SYSO_KAGG_VERSION_H
#define SYSO_KAGG_VERSION "0.1.0"
#endif
